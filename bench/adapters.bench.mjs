// Which HTTP adapter? The same minimal NestJS endpoint (global ValidationPipe, a DTO, one atomic
// capacity UPDATE fused with an INSERT in Postgres) served by Fastify and by Express, under
// autocannon at 64 connections. `npm run bench:adapters`
import 'reflect-metadata';
import { Body, Controller, Module, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ExpressAdapter } from '@nestjs/platform-express';
import { IsInt, Min } from 'class-validator';
import pg from 'pg';
import { run, summary } from './lib.mjs';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 8 });

await pool.query(`DROP TABLE IF EXISTS bench_adapter_seats, bench_adapter_regs`);
await pool.query(
  `CREATE UNLOGGED TABLE bench_adapter_seats (id int PRIMARY KEY, taken int NOT NULL, capacity int NOT NULL)`,
);
await pool.query(
  `CREATE UNLOGGED TABLE bench_adapter_regs (id bigserial PRIMARY KEY, seat int NOT NULL, fan int NOT NULL)`,
);

class RegisterDto {}
Reflect.decorate([IsInt(), Min(1)], RegisterDto.prototype, 'fan');
Reflect.defineMetadata('design:type', Number, RegisterDto.prototype, 'fan');

class RegisterController {
  async register(dto) {
    const { rows } = await pool.query(
      `WITH seat AS (UPDATE bench_adapter_seats SET taken = taken + 1 WHERE id = 1 AND taken < capacity RETURNING id)
       INSERT INTO bench_adapter_regs (seat, fan) SELECT id, $1 FROM seat RETURNING id`,
      [dto.fan],
    );
    return { id: rows[0]?.id ?? null, status: rows.length ? 'confirmed' : 'waitlisted' };
  }
}
Reflect.defineMetadata(
  'design:paramtypes',
  [RegisterDto],
  RegisterController.prototype,
  'register',
);
Body()(RegisterController.prototype, 'register', 0);
Reflect.decorate(
  [Post('register')],
  RegisterController.prototype,
  'register',
  Object.getOwnPropertyDescriptor(RegisterController.prototype, 'register'),
);
Controller()(RegisterController);
class BenchModule {}
Module({ controllers: [RegisterController] })(BenchModule);

async function measure(name, adapter, port) {
  await pool.query(
    `TRUNCATE bench_adapter_regs; DELETE FROM bench_adapter_seats; INSERT INTO bench_adapter_seats VALUES (1, 0, 1000000)`,
  );
  const app = await NestFactory.create(BenchModule, adapter, { logger: false });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  await app.listen(port, '127.0.0.1');
  const options = {
    url: `http://127.0.0.1:${port}/register`,
    method: 'POST',
    connections: 64,
    duration: DURATION,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fan: 7 }),
  };
  await run({ ...options, duration: 2 }); // warm-up
  const result = await run(options);
  await app.close();
  console.log(summary(name, result));
  return result.requests.average;
}

const fastify = await measure('NestJS + Fastify', new FastifyAdapter(), 3201);
const express = await measure('NestJS + Express', new ExpressAdapter(), 3202);
console.log(`Fastify / Express throughput: ${(fastify / express).toFixed(2)}x`);
await pool.query(`DROP TABLE IF EXISTS bench_adapter_seats, bench_adapter_regs`);
await pool.end();
