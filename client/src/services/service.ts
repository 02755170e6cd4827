import type { FunctionContract, InputsOf, OutputsOf, Result } from '@sgz/shared';
import { callFunction } from './call';

/**
 * A cloud function as the phone sees it, derived from its shared contract
 * (one declaration per action, shared/src/contracts/define.ts): one method per
 * action, typed with the action's input and output. Nothing here is written
 * per action; adding an action to the contract adds the method.
 *
 * The contract is imported as a TYPE only: its zod schemas stay out of the
 * bundle unless a form imports them for instant feedback.
 */
export type Service<F extends FunctionContract> = {
  // An input whose fields are all optional may be left out.
  readonly [A in keyof F['actions'] & string]: Partial<InputsOf<F>[A]> extends InputsOf<F>[A]
    ? (input?: InputsOf<F>[A]) => Promise<Result<OutputsOf<F>[A]>>
    : (input: InputsOf<F>[A]) => Promise<Result<OutputsOf<F>[A]>>;
};

/**
 * The service of function `name` (its contract's name). Each method calls
 * `callFunction(name, action, input)`, which never throws.
 */
export function service<F extends FunctionContract>(name: F['name']): Service<F> {
  const methods = new Map<string, (input?: Record<string, unknown>) => Promise<Result<unknown>>>();
  // A Proxy: the action names come from the contract's TYPE, so no list of
  // them needs to exist at run time (and the schemas stay out of the bundle).
  return new Proxy({} as Service<F>, {
    get(_target, action) {
      if (typeof action !== 'string') return undefined;
      let method = methods.get(action);
      if (!method) {
        method = (input = {}) => callFunction(name, action, input);
        methods.set(action, method);
      }
      return method;
    },
  });
}
