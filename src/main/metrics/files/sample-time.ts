// When a stored sample was taken, in milliseconds, for the reader's time ranges. A three-hour query
// reads 10,800 timestamps: Date.parse of each was a fifth of its time, so the sampler's own form
// (`2025-10-29T14:30:00.000Z`, from toISOString) is read by character.
import { isoDate } from '../../../shared/model/entities';

/** The day (`2025-10-29`) of the last timestamp the schema accepted, and its midnight in ms. */
let knownDay = '';
let knownDayMs = Number.NaN;

/**
 * Milliseconds since the epoch of a timestamp in the form the sampler writes, or NaN for any other
 * form or when unsure. The whole timestamp is checked with the schema once per day (cached:
 * consecutive samples share it); the time part by character, to ranges the schema accepts (hours
 * 00-23, minutes and seconds 00-59). So a number here means the schema accepts the timestamp.
 */
export function writerTimestampMs(text: string): number {
  if (text.length !== 24 || text.charCodeAt(23) !== 0x5a /* Z */ || text.charCodeAt(10) !== 0x54 /* T */) return Number.NaN;
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a || text.charCodeAt(19) !== 0x2e) return Number.NaN; // `:` `:` `.`
  const hours = twoDigits(text, 11);
  const minutes = twoDigits(text, 14);
  const seconds = twoDigits(text, 17);
  const millis = twoDigits(text, 20) * 10 + digit(text, 22);
  if (!(hours < 24 && minutes < 60 && seconds < 60 && millis >= 0)) return Number.NaN; // NaN fails every comparison
  if (!sameDay(text)) {
    if (!isoDate.safeParse(text).success) return Number.NaN;
    const dayMs = Date.parse(`${text.slice(0, 10)}T00:00:00.000Z`);
    if (Number.isNaN(dayMs)) return Number.NaN;
    knownDay = text.slice(0, 10);
    knownDayMs = dayMs;
  }
  return knownDayMs + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

/**
 * Milliseconds since the epoch of a timestamp the schema accepted: by character for the sampler's
 * own form, Date.parse for any other.
 */
export function sampleTimeMs(timestamp: string): number {
  const ms = writerTimestampMs(timestamp);
  return Number.isNaN(ms) ? Date.parse(timestamp) : ms;
}

function sameDay(text: string): boolean {
  if (knownDay.length !== 10) return false;
  for (let i = 0; i < 10; i += 1) {
    if (text.charCodeAt(i) !== knownDay.charCodeAt(i)) return false;
  }
  return true;
}

/** 0-9 for a digit, NaN otherwise. */
function digit(text: string, at: number): number {
  const d = text.charCodeAt(at) - 0x30;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

function twoDigits(text: string, at: number): number {
  return digit(text, at) * 10 + digit(text, at + 1);
}
