import type { ColumnType, Generated } from 'kysely';

/** Kysely shapes of the console tables (migration 0900_console), merged into DB by schema.ts. */

type Instant = ColumnType<Date, Date | string, Date | string>;

export type ConsoleRole = 'admin' | 'supervisor' | 'viewer';

export interface ConsoleUsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: ConsoleRole;
  /** `scrypt$N$r$p$salt$hash` (base64url); never the password. */
  passwordHash: string;
  disabledAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  createdAt: ColumnType<Date, Date | string | undefined, never>;
}

export interface ConsoleSessionsTable {
  /** SHA-256 (hex) of the cookie value: a database reader cannot sign in with it. */
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Instant;
  lastSeenAt: Instant;
}

export interface ConsoleLoginFailuresTable {
  id: Generated<string>;
  email: string;
  ip: string;
  at: Instant;
}

export interface ConversationNotesTable {
  id: Generated<string>;
  conversationId: string;
  authorId: string;
  body: string;
  createdAt: Instant;
}

export interface ConsoleTables {
  consoleUsers: ConsoleUsersTable;
  consoleSessions: ConsoleSessionsTable;
  consoleLoginFailures: ConsoleLoginFailuresTable;
  conversationNotes: ConversationNotesTable;
}
