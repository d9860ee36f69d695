// What the PHI benchmark measures besides wall-clock time, which a shared, loaded machine makes
// noisy: the CPU time of this process (the API's code: encryption, the SDK's marshalling and
// signing) and of DynamoDB Local (the database's work), and the DynamoDB calls sent, by command.
import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from '../../api/src/platform/db/client.js';

/** Linux reports process times in clock ticks of 10 ms (USER_HZ = 100 on every common kernel). */
const MS_PER_TICK = 10;

/** utime + stime of a process from /proc, in ms; undefined off Linux or once it has gone. */
function readProcessCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return undefined;
  }
}

/** The id of this process's Java child (DynamoDB Local, started by the embedded stack). */
export function findDynamoDbLocalPid(): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'java' && ppid === process.pid) return Number(name);
    } catch {
      // The process ended while the list was read.
    }
  }
  return undefined;
}

/** CPU time spent since `start()`: by this process and by DynamoDB Local, in ms. */
export type CpuSpent = { selfMs: number; databaseMs: number | undefined };

export function startCpuClock(databasePid: number | undefined): () => CpuSpent {
  const self = process.cpuUsage();
  const database = databasePid === undefined ? undefined : readProcessCpuMs(databasePid);
  return () => {
    const used = process.cpuUsage(self);
    const databaseNow = databasePid === undefined ? undefined : readProcessCpuMs(databasePid);
    return {
      selfMs: (used.user + used.system) / 1000,
      databaseMs: database === undefined || databaseNow === undefined ? undefined : databaseNow - database,
    };
  };
}

/** Counts every command sent through a table client, by command name, until restored. */
export function countDbCalls(db: Db): { take: () => Map<string, number>; restore: () => void } {
  const doc = db.doc;
  const original = doc.send.bind(doc) as (command: object, ...rest: unknown[]) => Promise<unknown>;
  let counts = new Map<string, number>();
  const counting = (command: object, ...rest: unknown[]): Promise<unknown> => {
    const name = command.constructor.name.replace(/Command$/u, '');
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return original(command, ...rest);
  };
  Object.defineProperty(doc, 'send', { value: counting, configurable: true, writable: true });
  return {
    /** The counts since the last take, and a fresh start. */
    take: () => {
      const taken = counts;
      counts = new Map();
      return taken;
    },
    restore: () => void Reflect.deleteProperty(doc, 'send'),
  };
}
