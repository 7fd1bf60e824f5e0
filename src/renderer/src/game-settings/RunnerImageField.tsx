// The launch form's "Runner image" field: the game's own runner (another Wine or Proton build, an
// image built FROM dillinger-runner:local), or empty for the built-in one. Its shape is judged by
// the shared rules as typed; whether the engine has it and it carries the runner contract, by the
// core's check (launch.validate / Preview container), whose problem shows here too.
import { BUILT_IN_RUNNER_IMAGE } from '../../../shared/validation/runner-image';
import { Field } from '../shell/Field';
import type { FieldProblems } from './form-model';

export function RunnerImageField({ value, fields, onChange }: { value: string; fields: FieldProblems['fields']; onChange(value: string): void }) {
  return (
    <fieldset className="form-card">
      <legend>Runner</legend>
      <Field
        label="Runner image"
        errors={fields['launchConfig.runnerImage']}
        hint={`Empty: the built-in ${BUILT_IN_RUNNER_IMAGE}. Or a Docker image on this computer built FROM ${BUILT_IN_RUNNER_IMAGE} (another Wine or Proton build): the app never downloads or builds it.`}
      >
        {(c) => <input {...c} className="input mono" value={value} placeholder={`${BUILT_IN_RUNNER_IMAGE} (built-in)`} onChange={(e) => onChange(e.target.value)} />}
      </Field>
    </fieldset>
  );
}
