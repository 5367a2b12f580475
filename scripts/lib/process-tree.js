'use strict';
// Stopping a process together with everything it started (code-server spawns an extension host,
// file watchers and pty hosts; leaving one behind keeps a port or a CPU busy).
const fs = require('fs');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every descendant of a process, read from /proc (Linux), parents before children.
 * @param {number} pid the root process
 * @returns {number[]} the descendants' pids
 */
function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: parse after its closing ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended while we were reading
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) || []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Whether a process still exists.
 * @param {number} pid the process
 * @returns {boolean} true while it exists
 */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Terminate a process, its process group and every descendant (by pid, never by name):
 * SIGTERM first, SIGKILL to whatever is left after the grace period.
 * @param {number} pid the root process (spawned with `detached: true`, so it leads its own group)
 * @param {number} [graceMs] how long to wait after SIGTERM
 * @param {(message: string) => void} [log] where to report a SIGKILL
 * @returns {Promise<void>} resolves once every process is gone or was sent SIGKILL
 */
async function killTree(pid, graceMs = 5000, log = () => undefined) {
  const pids = [pid, ...descendants(pid)];
  const signalAll = (signal) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // not a group leader, or the group is gone
    }
    for (const p of pids) {
      try {
        process.kill(p, signal);
      } catch {
        // already gone
      }
    }
  };
  signalAll('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(alive)) await sleep(100);
  const left = pids.filter(alive);
  if (left.length > 0) {
    log(`SIGKILL to ${left.join(',')}`);
    signalAll('SIGKILL');
  }
}

module.exports = { killTree, descendants, sleep };
