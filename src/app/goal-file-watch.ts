// Noticing that goal files changed on disk (an editor saved one, a pull or checkout rewrote them):
// okr.yaml in the workspace folder, team folders appearing or going under teams/, and the YAML files
// in each team's folder. One watch per folder; past `limit` team folders only the first are watched
// (each watch costs the system an inotify entry), and `complete` says so.
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, TEAMS_DIR } from '../workspace/source.js';

export interface GoalFileWatch {
  close(): void;
  /** False when some team folders were left unwatched (more than the limit). */
  readonly complete: boolean;
}

export const WATCHED_TEAMS_LIMIT = 4096;

export function watchGoalFiles(root: string, onChange: (file: string) => void, limit = WATCHED_TEAMS_LIMIT): GoalFileWatch {
  const watchers: FSWatcher[] = [];
  const tryWatch = (dir: string, wanted: (name: string) => boolean, prefix: string) => {
    try {
      const watcher = watch(dir, { persistent: true }, (_event, name) => {
        const file = name === null ? undefined : String(name);
        if (file === undefined || wanted(file)) onChange(`${prefix}${file ?? ''}`);
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // Gone meanwhile, or not a folder: nothing to watch there.
    }
  };
  tryWatch(root, (name) => name === CONFIG_FILE || name === TEAMS_DIR, '');
  const teamsDir = join(root, TEAMS_DIR);
  tryWatch(teamsDir, (name) => !name.startsWith('.'), `${TEAMS_DIR}/`);
  let teams: string[] = [];
  try {
    teams = readdirSync(teamsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name);
  } catch {
    // No teams folder yet: the watch on the workspace folder sees it appear.
  }
  for (const team of teams.slice(0, limit)) tryWatch(join(teamsDir, team), (name) => name.endsWith('.yaml') && !name.startsWith('.'), `${TEAMS_DIR}/${team}/`);
  return { close: () => watchers.forEach((w) => w.close()), complete: teams.length <= limit };
}
