// A platform's program arguments in Add game / Edit game: one per line, checked as they are typed
// with game.json's own rules (length, no NUL, one line each).
import { Field } from '../shell/Field';
import { gameFormProblems, type GameForm } from './game-form';
import type { Platform } from './launch-game';
import { PLATFORM_LABELS } from './library-view';

const EXAMPLES: Record<Platform, string> = { windows: '/S\n-windowed', linux: '--fullscreen\n+connect 192.168.1.5' };

export function ArgumentsField({
  platform,
  form,
  shown,
  onChange,
}: {
  platform: Platform;
  form: GameForm;
  /** The problems the last save found here (the core's, or the form's own). */
  shown: readonly string[] | undefined;
  onChange: (argumentsText: string) => void;
}) {
  const entry = form.platforms[platform];
  const live = gameFormProblems(form, 'edit').filter((p) => p.path === `arguments.${platform}`).map((p) => p.message);
  const errors = shown && shown.length > 0 ? shown : live;
  const lines = entry.argumentsText.split('\n').length;
  return (
    <Field
      label={`${PLATFORM_LABELS[platform]} arguments`}
      errors={errors}
      className="platform-executable platform-arguments"
      hint={
        <>
          Optional. One argument per line, exactly as the program gets it: a line with spaces, such as <code>+connect 192.168.1.5</code>, is one
          argument (no quotes needed); empty lines are skipped.
        </>
      }
    >
      {(control) => (
        <textarea
          {...control}
          className="input mono"
          rows={Math.min(6, Math.max(2, lines))}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={entry.argumentsText}
          placeholder={EXAMPLES[platform]}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
