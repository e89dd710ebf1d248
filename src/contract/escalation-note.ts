/** The escalation note's length (pure constants: the macros bundle them without zod). */
export const ESCALATION_NOTE_MIN = 10;
export const ESCALATION_NOTE_MAX = 2000;
