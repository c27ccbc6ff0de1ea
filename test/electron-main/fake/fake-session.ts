import type { PartitionSessionPort } from '../../../main/electron-main/electron-ports';

type RequestHandler = Parameters<PartitionSessionPort['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PartitionSessionPort['setPermissionCheckHandler']>[0];

/**
 * A session from `session.fromPartition` (docs/api/session.md): a name without `persist:` is an
 * in-memory session; the same name gives the same session for the app's lifetime.
 */
export class FakeSession implements PartitionSessionPort {
  requestHandler?: RequestHandler;
  checkHandler?: CheckHandler;
  cleared = 0;
  constructor(
    readonly partition: string,
    readonly persistent: boolean,
  ) {}
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler;
  }
  async clearStorageData(): Promise<void> {
    this.cleared += 1;
  }
  /** What a page asking for `permission` would be told (true when no handler: Electron grants by default). */
  wouldGrant(permission: string): Promise<boolean> {
    if (!this.requestHandler) return Promise.resolve(true);
    return new Promise((resolve) => this.requestHandler!(null, permission, resolve));
  }
}
