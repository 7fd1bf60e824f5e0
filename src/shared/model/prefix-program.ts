// A program run in a game's Wine prefix instead of the game (GameLaunchRequest.program): an
// installer the player picked (`install`), or a tool (`tool`): one of Wine's own programs, or an
// .exe the player picked (a patch, a launcher). Shape only; where a picked file may lie is judged
// against this machine in ../validation/setup-file.ts.
import { z } from 'zod';
import { launchArguments } from '../library/launch-arguments';

/** What a session runs: the game (absent kind means play), an installer, or a tool in its prefix. */
export const SESSION_KINDS = ['play', 'install', 'tool'] as const;
export const sessionKind = z.enum(SESSION_KINDS, { error: "must be 'play', 'install' or 'tool'" });
export type SessionKind = z.infer<typeof sessionKind>;

/** Wine's own programs a tool session may run, by the name the player knows. */
export const WINE_TOOLS = ['winecfg', 'regedit', 'taskmgr', 'control', 'uninstaller', 'winefile'] as const;
export const wineTool = z.enum(WINE_TOOLS, { error: `must be one of ${WINE_TOOLS.join(', ')}` });
export type WineTool = z.infer<typeof wineTool>;

/** The file types a picked program may have: a Windows program, or a Windows Installer package. */
export const PROGRAM_FILE_EXTENSIONS = ['.exe', '.msi'] as const;

const hostFile = z
  .string()
  .startsWith('/', 'must be an absolute path on this computer, such as /home/you/Downloads/setup.exe')
  .max(4096, 'must be at most 4096 characters')
  .refine((p) => !p.includes('\0'), { error: 'must not contain NUL' })
  .refine((p) => PROGRAM_FILE_EXTENSIONS.some((ext) => p.toLowerCase().endsWith(ext)), {
    error: 'must be a Windows program (.exe) or installer package (.msi)',
  });

export const PrefixProgram = z
  .strictObject({
    kind: z.enum(['install', 'tool'], { error: "must be 'install' or 'tool'" }),
    /** A program file on this computer (.exe or .msi), mounted read-only into the container. */
    file: hostFile.optional(),
    /** One of Wine's own programs (tool sessions only). */
    tool: wineTool.optional(),
    /** What the program is started with (`/S` makes an NSIS installer silent). */
    arguments: launchArguments.default([]),
  })
  .superRefine((program, ctx) => {
    if ((program.file === undefined) === (program.tool === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'name either a program file or one of Wine\'s tools, not both and not neither' });
    }
    if (program.kind === 'install' && program.tool !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['tool'], message: "an install runs a setup file: pick the game's setup .exe or .msi" });
    }
  });
export type PrefixProgram = z.infer<typeof PrefixProgram>;

/** A program an installer or tool session left in the prefix, as its log told it. */
export const CreatedProgram = z.object({
  /** Where it is, as Play would name it: C:\Program Files\Game\game.exe. */
  executable: z.string(),
  /** A Start-menu shortcut that starts it (C:\ProgramData\...\Game.lnk), when it has one. */
  shortcut: z.string().optional(),
  /** What to call it: the shortcut's name, or the file's. */
  name: z.string(),
});
export type CreatedProgram = z.infer<typeof CreatedProgram>;

export const PrefixProgramList = z.object({
  sessionId: z.string(),
  gameId: z.string(),
  kind: sessionKind.optional(),
  /** Shortcuts' programs first (what the installer offered the player), then the other new .exe files. */
  programs: z.array(CreatedProgram),
  /** False while the session runs: the list is made when the program has ended. */
  complete: z.boolean(),
});
export type PrefixProgramList = z.infer<typeof PrefixProgramList>;
