// The contract's host.* methods: this machine's facts (with the given paths looked at), and the
// system's file dialog where there is one (the Electron shell; a browser types paths instead).
import { ContractError } from '../../shared/contract/envelope';
import type { HostFacts } from '../../shared/validation/host-facts';
import type { Handlers } from '../transport/dispatcher';

export type PickPath = (request: { kind: 'folder' | 'file'; title?: string; defaultPath?: string }) => Promise<string | null>;

export interface HostHandlerDeps {
  hostFacts(paths: readonly string[]): Promise<HostFacts>;
  pickPath?: PickPath;
}

export function hostHandlers({ hostFacts, pickPath }: HostHandlerDeps): Pick<Handlers, 'host.facts' | 'host.pickPath'> {
  return {
    'host.facts': (input) => hostFacts(input?.paths ?? []),
    'host.pickPath': async (request) => {
      if (!pickPath) throw new ContractError('unavailable', 'There is no file dialog in a browser: type the full path instead.');
      return { path: await pickPath(request) };
    },
  };
}
