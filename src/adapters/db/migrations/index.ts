import type { Migration } from 'kysely';
import { migration0001Foundation } from './0001_foundation';
import { migration0100BaileysAuth } from './0100_baileys_auth';
import { migration0200Collections } from './0200_collections';
import { migration0400SystemEvents } from './0400_system_events';
import { migration0450AuditSequence } from './0450_audit_sequence';
import { migration0500HotPathIndexes } from './0500_hot_path_indexes';
import { migration0600LeanMessageWrites } from './0600_lean_message_writes';
import { migration0650ContactStatuses } from './0650_contact_statuses';
import { migration0660OutboxPurpose } from './0660_outbox_purpose';
import { migration0700PortfolioImports } from './0700_portfolio_imports';
import { migration0720DeliveryClaims } from './0720_delivery_claims';
import { migration0740MaskedVerificationAnswers } from './0740_masked_verification_answers';
import { migration0760DemoDebtors } from './0760_demo_debtors';
import { migration0800ComplianceHistory } from './0800_compliance_history';
import { migration0820OutreachSchedule } from './0820_outreach_schedule';
import { migration0840VerifiedAt } from './0840_verified_at';
import { migration0900Console } from './0900_console';
import { migration0901ConsoleSearch } from './0901_console_search';
import { migration0920OutreachSweepSpeed } from './0920_outreach_sweep_speed';
import { migration0921DebtorRegion } from './0921_debtor_region';
import { migration0940EndedConversationsByAddress } from './0940_ended_conversations_by_address';
import { migration0960MessageSearchVector } from './0960_message_search_vector';
import { migration0961OutboxFailedIndex } from './0961_outbox_failed_index';
import { migration0970OutboxGatePassed } from './0970_outbox_gate_passed';
import { migration0971OutreachWriteIndexes } from './0971_outreach_write_indexes';
import { migration0972OutreachScheduleTable } from './0972_outreach_schedule_table';

/**
 * Every migration, in order. Names sort lexically and must never change once released.
 * Other areas append their own line here (e.g. `'0100_baileys_auth': migration0100BaileysAuth`).
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001_foundation': migration0001Foundation,
  '0100_baileys_auth': migration0100BaileysAuth,
  '0200_collections': migration0200Collections,
  '0400_system_events': migration0400SystemEvents,
  '0450_audit_sequence': migration0450AuditSequence,
  '0500_hot_path_indexes': migration0500HotPathIndexes,
  '0600_lean_message_writes': migration0600LeanMessageWrites,
  '0650_contact_statuses': migration0650ContactStatuses,
  '0660_outbox_purpose': migration0660OutboxPurpose,
  '0700_portfolio_imports': migration0700PortfolioImports,
  '0720_delivery_claims': migration0720DeliveryClaims,
  '0740_masked_verification_answers': migration0740MaskedVerificationAnswers,
  '0760_demo_debtors': migration0760DemoDebtors,
  '0800_compliance_history': migration0800ComplianceHistory,
  '0820_outreach_schedule': migration0820OutreachSchedule,
  '0840_verified_at': migration0840VerifiedAt,
  '0900_console': migration0900Console,
  '0901_console_search': migration0901ConsoleSearch,
  '0920_outreach_sweep_speed': migration0920OutreachSweepSpeed,
  '0921_debtor_region': migration0921DebtorRegion,
  '0940_ended_conversations_by_address': migration0940EndedConversationsByAddress,
  '0960_message_search_vector': migration0960MessageSearchVector,
  '0961_outbox_failed_index': migration0961OutboxFailedIndex,
  '0970_outbox_gate_passed': migration0970OutboxGatePassed,
  '0971_outreach_write_indexes': migration0971OutreachWriteIndexes,
  '0972_outreach_schedule_table': migration0972OutreachScheduleTable,
};
