import { describe, expect, it } from 'vitest';
import { createdPrograms } from './created-programs';

describe('the programs an installer left, from its log', () => {
  it('lists shortcuts first, then new .exe files, each program once', () => {
    const log = [
      'some wine output',
      'dillinger-entrypoint: note: prefix program: C:\\Program Files\\Game\\uninstall.exe',
      'dillinger-entrypoint: note: prefix program: C:\\Program Files\\Game\\game.exe',
      'dillinger-entrypoint: note: prefix shortcut: C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Game\\Play Game.lnk -> C:\\Program Files\\Game\\game.exe',
    ].join('\n');
    expect(createdPrograms(log)).toEqual([
      { executable: 'C:\\Program Files\\Game\\game.exe', shortcut: 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Game\\Play Game.lnk', name: 'Play Game' },
      { executable: 'C:\\Program Files\\Game\\uninstall.exe', name: 'uninstall.exe' },
    ]);
  });

  it('drops a shortcut with no .exe target, and anything Play could not name', () => {
    const log = [
      'dillinger-entrypoint: note: prefix shortcut: C:\\ProgramData\\x\\Readme.lnk -> ',
      'dillinger-entrypoint: note: prefix shortcut: C:\\ProgramData\\x\\Net.lnk -> \\\\server\\share\\x.exe',
      'dillinger-entrypoint: note: prefix program: C:\\a\\..\\..\\x.exe',
      'the game printed: dillinger-entrypoint: note: prefix program: C:\\fake.exe',
    ].join('\n');
    expect(createdPrograms(log)).toEqual([]);
  });
});
