/** The `models.*` contract handlers: thin translations to the model manager. */
import type { Handlers } from '../../../app/contract/dispatch.ts';
import type { MethodName } from '../../../app/contract/names.ts';
import type { FileTokenRegistry } from '../services/file-tokens.ts';
import type { ModelManager } from './model-manager.ts';

type ModelMethod = Extract<MethodName, `models.${string}`>;

export function modelHandlers(
  models: ModelManager,
  files: FileTokenRegistry,
): Pick<Handlers, ModelMethod> {
  return {
    'models.overview': () => models.overview(),
    'models.recommend': () => models.hardwareReport(),
    'models.install': ({ componentId, precision }) => ({
      jobId: models.install(componentId, precision),
    }),
    'models.pause': ({ componentId }) => {
      models.pause(componentId);
      return null;
    },
    'models.remove': async ({ componentId }) => {
      await models.remove(componentId);
      return null;
    },
    'models.verify': ({ componentId }) => ({ jobId: models.verify(componentId) }),
    'models.import': ({ folder }) => ({ jobId: models.importFolder(files.resolve(folder)) }),
    'models.setSource': async ({ baseUrl, token }) => {
      await models.source.update({
        ...(baseUrl === undefined ? {} : { baseUrl }),
        ...(token === undefined ? {} : { token }),
      });
      return models.source.view();
    },
  };
}
