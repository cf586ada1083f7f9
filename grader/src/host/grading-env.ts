/** Set in the test host's environment when an instructor grades: harden.ts then also freezes the crypto libraries. */
export const GRADING_ENV = "IPSEC_COURSE_GRADING";
