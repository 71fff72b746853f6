import type { Address, ChannelName } from "../channels/address.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";

/**
 * The channels' limits, kept across every bot process on one Redis: per channel at most its rate
 * in any sliding window of a second, at most one a second to any one chat, and a pause for
 * everyone on that channel when it answers 429. Redis's own clock decides, so processes on different machines agree.
 * The message is claimed (KEYS[4]) in the same step as it is admitted, never before: a message
 * waiting for its turn holds no claim, and between admission and sending there is no other call.
 */
const ACQUIRE_SCRIPT = `
if redis.call('EXISTS', KEYS[4]) == 1 then return -1 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused > now then return paused - now end
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 1000)
if redis.call('ZCARD', KEYS[2]) > 0 then
  local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
  return tonumber(last[2]) + 1000 - now
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window * 2)
redis.call('ZADD', KEYS[2], now, ARGV[3])
redis.call('PEXPIRE', KEYS[2], 2000)
redis.call('SET', KEYS[4], 'sending', 'EX', ARGV[4])
return 0
`;

/**
 * Over a second: the window a send is counted in. A process paused between admitting a send and
 * writing it (garbage collection, a busy core) delivers a backlog at once; the margin absorbs
 * pauses up to 150 ms, so the channel never sees a second with one message too many.
 */
export const WINDOW_MS = 1150;

export class SendLimiter {
  private sequence = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly rates: Readonly<Record<ChannelName, number>>,
  ) {}

  /**
   * Waits until a message to this chat may go out, takes its place in the window and claims it
   * under `claimKey` for `claimSeconds`; "claimed-before" when someone already holds the claim.
   */
  async acquire(address: Address, claimKey: string, claimSeconds: number): Promise<"admitted" | "claimed-before"> {
    for (;;) {
      const member = `${process.pid}:${++this.sequence}:${Math.random()}`;
      const wait = Number(
        await this.redis.eval(
          ACQUIRE_SCRIPT,
          4,
          this.keys.sendWindow(address.channel),
          this.keys.chatWindow(address),
          this.keys.sendPause(address.channel),
          claimKey,
          String(this.rates[address.channel]),
          String(WINDOW_MS),
          member,
          String(claimSeconds),
        ),
      );
      if (wait === -1) return "claimed-before";
      if (wait === 0) return "admitted";
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 5_000)));
    }
  }

  /** The channel said "retry after": nobody sends on it until then. */
  async pause(channel: ChannelName, ms: number): Promise<void> {
    const script = `
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local untilMs = now + tonumber(ARGV[1])
      if untilMs > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], untilMs, 'PX', ARGV[1]) end
      return 1`;
    await this.redis.eval(script, 1, this.keys.sendPause(channel), String(ms));
  }
}
