/**
 * Debtors whose external_id starts with this prefix are demo debtors: the only ones the web simulator
 * lists or opens sessions for, so it can never reach real debtors' data.
 */
export const demoExternalIdPrefix = 'demo-';
