import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { findFreePort, waitFor } from './free-port.js';

export type DynamoDbLocal = { endpoint: string; stop: () => Promise<void> };

/** Fails fast, naming what to install, when there is no Java to run DynamoDB Local. */
export function assertJavaAvailable(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH.\n' +
        'Install it (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`) and run the command again.',
    );
  }
}

function findEmulatorDir(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('amplify-dynamodb-simulator/package.json');
  return join(dirname(packageJson), 'emulator');
}

/**
 * Runs the DynamoDB Local jar directly with the machine's Java on a free loopback port.
 * With `dataDir` the tables persist there; without it they live in memory.
 */
export async function startDynamoDbLocal(options: { dataDir?: string }): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  const emulatorDir = findEmulatorDir();
  const port = await findFreePort();
  // -sharedDb: one database whatever the region and access key a client signs with.
  const storage =
    options.dataDir === undefined ? ['-inMemory', '-sharedDb'] : ['-dbPath', options.dataDir, '-sharedDb'];
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    'java',
    [
      '-Xmx1g',
      `-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(emulatorDir, 'DynamoDBLocal.jar'),
      ...storage,
      '-port',
      String(port),
    ],
    { cwd: emulatorDir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await waitFor('DynamoDB Local', async () => {
      if (exited) throw new Error(`DynamoDB Local exited: ${stderr.slice(0, 2000)}`);
      await client.send(new ListTablesCommand({}));
      return true;
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: async () => {
      if (exited) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
