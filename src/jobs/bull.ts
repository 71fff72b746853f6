import { type Processor, Queue, Worker, type WorkerOptions } from "bullmq";
import { connectRedis, type Redis, type RedisTarget } from "../redis.js";

/**
 * A BullMQ queue on the bot's Redis (its keys under `<prefix>bull:`), and the worker of this
 * process when it has one, each with its own connection as BullMQ wants; closed together.
 */
export class BullQueue<T> {
  readonly queue: Queue<T>;
  private worker: Worker<T> | undefined;
  private readonly connections: Redis[] = [];

  constructor(
    /** A URL, or Sentinels to follow through a failover. */
    private readonly target: RedisTarget,
    private readonly prefix: string,
    private readonly name: string,
  ) {
    this.queue = new Queue<T>(name, { connection: this.connect(), prefix: `${prefix}bull` });
  }

  /** Starts this process's worker for the queue. */
  work(processor: Processor<T>, options: Omit<WorkerOptions, "connection" | "prefix"> = {}): Worker<T> {
    this.worker = new Worker<T>(this.name, processor, { ...options, connection: this.connect(), prefix: `${this.prefix}bull` });
    return this.worker;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await Promise.allSettled(this.connections.map((connection) => connection.quit()));
  }

  private connect(): Redis {
    const connection = connectRedis(this.target, { commandTimeoutMs: undefined });
    this.connections.push(connection);
    return connection;
  }
}
