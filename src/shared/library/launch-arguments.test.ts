import { describe, expect, it } from 'vitest';
import { MAX_ARGUMENTS_LENGTH, MAX_ARGUMENT_LENGTH, argumentsFromText, argumentsToText, commandForDisplay, launchArguments } from './launch-arguments';

const problems = (list: unknown) => {
  const result = launchArguments.safeParse(list);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('argumentsFromText (one argument per line)', () => {
  it('gives each line as one argument: spaces, quotes and backslashes stay in it', () => {
    expect(argumentsFromText('/S\n-windowed\n+connect 192.168.1.5\n"quoted"\nC:\\Games\\save dir')).toEqual([
      '/S', '-windowed', '+connect 192.168.1.5', '"quoted"', 'C:\\Games\\save dir',
    ]);
  });

  it('skips empty lines, drops the spaces at the ends of a line, reads Windows line ends', () => {
    expect(argumentsFromText('  -windowed  \r\n\r\n\n  \t\n+name Player One\r')).toEqual(['-windowed', '+name Player One']);
    expect(argumentsFromText('')).toEqual([]);
    expect(argumentsFromText('\n \n')).toEqual([]);
  });

  it('and back: the text gives the same arguments again', () => {
    const list = ['/S', '+connect 192.168.1.5', '-x=a b'];
    expect(argumentsToText(list)).toBe('/S\n+connect 192.168.1.5\n-x=a b');
    expect(argumentsFromText(argumentsToText(list))).toEqual(list);
    expect(argumentsToText([])).toBe('');
  });
});

describe('launchArguments (game.json and the form)', () => {
  it('accepts ordinary arguments, up to the limits', () => {
    expect(problems(['/S', '-windowed', '+connect 192.168.1.5', ''])).toEqual([]);
    expect(problems(['x'.repeat(MAX_ARGUMENT_LENGTH)])).toEqual([]);
    const many = Array.from({ length: MAX_ARGUMENTS_LENGTH / 8 }, () => 'x'.repeat(7)); // 7 + 1 separator each
    expect(problems(many)).toEqual([]);
  });

  it('refuses NUL and line breaks in an argument, at that argument', () => {
    expect(problems(['ok', 'bad\u0000'])).toEqual([{ path: '1', message: expect.stringMatching(/NUL/) as unknown as string }]);
    expect(problems(['two\nlines'])).toEqual([{ path: '0', message: expect.stringMatching(/one line.*a line of its own/) as unknown as string }]);
    expect(problems(['cr\r'])).toHaveLength(1);
  });

  it('refuses an argument over its length, and all together over theirs, saying what to do', () => {
    expect(problems(['x'.repeat(MAX_ARGUMENT_LENGTH + 1)])).toEqual([
      { path: '0', message: expect.stringMatching(/at most 1024 characters: shorten it/) as unknown as string },
    ]);
    const many = Array.from({ length: MAX_ARGUMENTS_LENGTH / 8 + 1 }, () => 'x'.repeat(7));
    expect(problems(many)).toEqual([{ path: '', message: expect.stringMatching(/^are 8200 characters in all, more than 8192: leave some out/) as unknown as string }]);
  });
});

describe('commandForDisplay (the container preview)', () => {
  it('shows where each argument ends: those with spaces or quotes in single quotes', () => {
    expect(commandForDisplay(['windows', '/library/q/Quake.exe', '/S', '-windowed', '+connect 192.168.1.5'])).toBe(
      "windows /library/q/Quake.exe /S -windowed '+connect 192.168.1.5'",
    );
    expect(commandForDisplay(['linux', '/library/a b/run', "it's", '', 'C:\\Games\\x', '$HOME'])).toBe(
      "linux '/library/a b/run' 'it'\\''s' '' 'C:\\Games\\x' '$HOME'",
    );
  });
});
