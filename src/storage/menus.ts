import { z } from "zod";
import type { Address } from "../channels/address.js";
import type { Redis } from "../redis.js";
import { safeJson } from "./json.js";
import type { Keys } from "./keys.js";

/**
 * On a channel without buttons the last screen's buttons are shown as numbered lines; this keeps
 * what each number (and each button's words) stands for, and when the screen was shown, so a
 * number typed before it arrived is not applied to it.
 */
export interface Menu {
  /**
   * Each button's words and data; `number`, the number of its line, where lines are numbered one by
   * one (Zalo numbers a screen's choices and has its commands typed by their words). Without any
   * `number`, every button is numbered by its place, when `numbered`. `aside`: the words of a
   * message the bot sent on its own (a consultant's answer), which the next screens keep.
   */
  buttons: { label: string; data: string; number?: number; aside?: true }[];
  /** False when the screen takes numbers as answers: the buttons are chosen by their words only. */
  numbered: boolean;
  shownAt: number;
}

const menuSchema = z.object({
  buttons: z.array(
    z.object({ label: z.string(), data: z.string(), number: z.number().int().positive().optional(), aside: z.literal(true).optional() }),
  ),
  numbered: z.boolean(),
  shownAt: z.number(),
});

const MENU_TTL_SECONDS = 30 * 24 * 60 * 60;

export class MenuStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async set(address: Address, menu: Menu): Promise<void> {
    await this.redis.set(this.keys.menu(address), JSON.stringify(menu), "EX", MENU_TTL_SECONDS);
  }

  /** The menu last shown at the address, read on its own (a message the bot sends on its own looks first). */
  async get(address: Address): Promise<Menu | undefined> {
    return this.parse(await this.redis.get(this.keys.menu(address)));
  }

  /** A menu as read with the rest of an update's reads (update-snapshot.ts). */
  parse(raw: string | null | undefined): Menu | undefined {
    if (!raw) return undefined;
    const parsed = menuSchema.safeParse(safeJson(raw));
    return parsed.success ? parsed.data : undefined;
  }
}
