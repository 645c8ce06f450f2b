// Noticing that goal files changed on disk (an editor saved one, a pull or checkout rewrote them):
// okr.yaml in the workspace folder, team folders appearing or going under teams/, and the YAML files
// in each team's folder. One watch per folder, kept up to date by the watch itself: a team folder
// that appears is watched from then on, one that goes ends its watch. Past `limit` team folders only
// the first are watched (each watch costs the system an inotify entry; the workspace and teams
// folders take two more).
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, TEAMS_DIR } from '../workspace/source.js';

export interface GoalFileWatch {
  close(): void;
}

export const WATCHED_TEAMS_LIMIT = 4096;

export function watchGoalFiles(root: string, onChange: (file: string) => void, limit = WATCHED_TEAMS_LIMIT): GoalFileWatch {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const tryWatch = (dir: string, wanted: (name: string) => boolean, prefix: string) => {
    if (closed || watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { persistent: true }, (_event, name) => {
        const file = name === null ? undefined : String(name);
        if (file === undefined || wanted(file)) onChange(`${prefix}${file ?? ''}`);
      });
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
    } catch {
      // Gone meanwhile, or not a folder: nothing to watch there.
    }
  };
  const teamsDir = join(root, TEAMS_DIR);
  /** Watches a team folder; `again` when the teams folder said something of it (made, removed, renamed). */
  const watchTeam = (team: string, again = false) => {
    const dir = join(teamsDir, team);
    const old = watchers.get(dir);
    if (old) {
      if (!again) return;
      old.close();
      watchers.delete(dir);
    }
    if (team.startsWith('.') || watchers.size >= limit + 2) return;
    try {
      if (!statSync(dir).isDirectory()) return;
    } catch {
      return;
    }
    tryWatch(dir, (name) => name.endsWith('.yaml') && !name.startsWith('.'), `${TEAMS_DIR}/${team}/`);
  };
  const watchTeamsFolder = () => {
    tryWatch(
      teamsDir,
      (name) => {
        // A new team folder: watched before the change is told, so a file written into it next is heard.
        if (!name.startsWith('.')) watchTeam(name, true);
        return !name.startsWith('.');
      },
      `${TEAMS_DIR}/`,
    );
    try {
      for (const d of readdirSync(teamsDir, { withFileTypes: true })) if (d.isDirectory()) watchTeam(d.name);
    } catch {
      // No teams folder yet: the watch on the workspace folder sees it appear.
    }
  };
  tryWatch(
    root,
    (name) => {
      if (name === TEAMS_DIR) watchTeamsFolder();
      return name === CONFIG_FILE || name === TEAMS_DIR;
    },
    '',
  );
  watchTeamsFolder();
  return {
    close: () => {
      closed = true;
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
