import { z } from 'zod';
import { collectionsFactsSchema } from '../core/collections/registry/collectionsFacts';

/**
 * The shape of the test and demo fixtures (createTestFacts): CollectionsFacts, plus what a tester needs to know
 * about each fixture debtor — the country (to seed a debtor row) and the plain verification answers to type.
 * The collections registry never reads the plain answers: it checks answers against debtor.verification.hashes.
 * Pure.
 */
export const demoFactsSchema = collectionsFactsSchema.extend({
  debtor: collectionsFactsSchema.shape.debtor.extend({
    country: z.string().length(2),
    /** Fixture only: the answer a tester types. Real facts carry hashes only. */
    documentLast4: z.string().regex(/^\d{4}$/),
    /** Fixture only: the answer a tester types (ISO date). */
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
});

export type DemoFacts = z.infer<typeof demoFactsSchema>;
