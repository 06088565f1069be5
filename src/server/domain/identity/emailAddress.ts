/** Deliberately loose: one @, no spaces, a dot in the domain. Mail servers decide the rest. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isEmailAddress = (value: string): boolean => value.length <= 256 && EMAIL.test(value);
