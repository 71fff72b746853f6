import { z } from "zod";
import { projectPath } from "../project-root.js";
import type { AgencyDirectory } from "./agencies.js";
import { readDataFile } from "./data-file.js";
import type { GroupDirectory } from "./groups.js";

/**
 * Dated tasks the letters set that are not rounds of form 488 (letter 452's other tasks, 8402's
 * security checks and report to C06, the third reminder's "100% in June"): for the secretariat to
 * read (`npm run cli -- tasks`), not reminded. flows/tasks-seed.json; the dates are the last day a
 * letter allows ("trước tháng 9" is 31/08, "trong tháng 6" 30/06, "trước ngày 09/12" 08/12).
 */

const ownerSchema = z
  .object({
    /** Who, as the letter words it. */
    text: z.string().min(1),
    /** The same, where the directory or a group can say it. */
    kind: z.enum(["all", "ministries", "provinces"]).optional(),
    agencies: z.array(z.string()).min(1).optional(),
    group: z.string().optional(),
  })
  .strict();

const taskSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are lowercase ASCII words joined by '-'"),
    title: z.string().min(1),
    owner: ownerSchema,
    due: z.iso.date("a date like 2023-08-31"),
    /** The deadline as the letter words it ("trước tháng 9 năm 2023"). */
    dueText: z.string().min(1),
    note: z.string().optional(),
    source: z.string().min(1),
  })
  .strict();

export const tasksSchema = z
  .object({ version: z.number().int().positive(), source: z.string().min(1), tasks: z.array(taskSchema) })
  .strict();

export type Task = z.infer<typeof taskSchema>;

export class TasksError extends Error {}

export const DEFAULT_TASKS_FILE = projectPath("flows", "tasks-seed.json");

/** Loads the tasks, checks their ids, agencies and groups, and sorts them by date. */
export function loadTasks(directory: AgencyDirectory, groups: GroupDirectory, file: string = DEFAULT_TASKS_FILE): Task[] {
  const data = readDataFile(file, tasksSchema, "the tasks file", (message) => new TasksError(message));
  const seen = new Set<string>();
  for (const task of data.tasks) {
    if (seen.has(task.id)) throw new TasksError(`the tasks file ${file}: duplicate task id ${task.id}`);
    seen.add(task.id);
    const unknown = (task.owner.agencies ?? []).filter((id) => !directory.successorOf(id));
    if (unknown.length) throw new TasksError(`the tasks file ${file}: task ${task.id} names unknown agencies: ${unknown.join(", ")}`);
    if (task.owner.group !== undefined && !groups.get(task.owner.group))
      throw new TasksError(`the tasks file ${file}: task ${task.id} names an unknown group ${task.owner.group}`);
  }
  return [...data.tasks].sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
}

/** One task a line for the command line: date, id, who (the agencies of today's map when the letter's have merged), what, and where from. */
export function taskLine(task: Task, directory: AgencyDirectory): string {
  const [year, month, day] = task.due.split("-");
  const now = (task.owner.agencies ?? []).flatMap((id) => {
    const agency = directory.successorOf(id);
    return agency && agency.id !== id ? [`${id} nay thuộc ${agency.name}`] : [];
  });
  const owner = `${task.owner.text}${task.owner.group ? ` [group:${task.owner.group}]` : ""}${now.length ? ` (${now.join("; ")})` : ""}`;
  return [`${day}/${month}/${year}`, task.id, `${task.dueText}: ${task.title}`, owner, task.source, task.note ?? ""]
    .filter(Boolean)
    .join("\t");
}
