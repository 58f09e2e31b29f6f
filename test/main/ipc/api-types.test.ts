// Compile-time checks of the BanmianApi type the renderer imports (tsc runs over test/), plus a
// runtime check that the type's namespaces are what the preload builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BanmianApi, DocumentPayload, FontBytes, MenuCommand, PlantProfileInfo, Result, Saved } from '../../../main/ipc/contract';
import { CHANNEL_NAMES, apiPath } from '../../../main/ipc/contract';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_ok: T) => {};

// Channels without required fields may be called with no argument.
assertType<Equal<Parameters<BanmianApi['issue']['recent']>, [request?: Record<string, never>]>>(true);
assertType<Equal<ReturnType<BanmianApi['issue']['current']>, Promise<Result<DocumentPayload>>>>(true);
assertType<Equal<ReturnType<BanmianApi['issue']['save']>, Promise<Result<Saved | null>>>>(true);
assertType<Equal<ReturnType<BanmianApi['fonts']['bytes']>, Promise<Result<FontBytes>>>>(true);
assertType<Equal<ReturnType<BanmianApi['press']['profile']>, Promise<Result<PlantProfileInfo | null>>>>(true);
assertType<Equal<ReturnType<BanmianApi['press']['chooseProfile']>, Promise<Result<PlantProfileInfo | null>>>>(true);
assertType<Equal<Parameters<BanmianApi['press']['clearProfile']>, [request?: Record<string, never>]>>(true);
// Requests are what the renderer writes: ids are plain strings before parsing.
assertType<Equal<Parameters<BanmianApi['issue']['setDirty']>, [request: { documentId: string; dirty: boolean }]>>(true);
assertType<Equal<Parameters<BanmianApi['assets']['importImages']>[0]['paths'], string[] | undefined>>(true);
assertType<Equal<Parameters<Parameters<BanmianApi['on']['menuCommand']>[0]>[0], { command: MenuCommand }>>(true);

// A generic invoke does not exist on the type.
// @ts-expect-error there is no api.invoke
type _NoInvoke = BanmianApi['invoke'];

test('the BanmianApi namespaces are the contract namespaces plus on and files', () => {
  const namespaces = new Set(CHANNEL_NAMES.map((c) => apiPath(c)[0]));
  assert.deepEqual([...namespaces].sort(), ['app', 'assets', 'clipboard', 'edit', 'export', 'fonts', 'issue', 'press', 'recovery']);
});
