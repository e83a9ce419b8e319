#!/usr/bin/python3
"""Drives a mocket-cli serving resources/examples/ticker.yml with python3-websockets, a client
that is not Qt: two subscriptions tick side by side with their own seq from 1; unsubscribing
one is acknowledged and stops only its ticks. Prints nothing and exits 0 when all is as the
README says; prints what differed and exits 1 otherwise.

usage: ticker_session.py PORT
"""
import asyncio
import json
import sys

import websockets

from checks import expect, report

TIMEOUT = 10


async def receive_until(ws, seen, done):
    """Reads messages into seen (by subscription id) until done(seen) holds."""
    while not done(seen):
        message = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
        seen.setdefault(message.get("id"), []).append(message)


def ticks(seen, key):
    return [m for m in seen.get(key, []) if "seq" in m]


async def session(port):
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws/ticker",
                                  open_timeout=TIMEOUT) as ws:
        await ws.send(json.dumps({"op": "subscribe", "id": "s1", "symbol": "ACME"}))
        await ws.send(json.dumps({"op": "subscribe", "id": "s2", "symbol": "INIT"}))
        seen = {}
        await receive_until(ws, seen, lambda s: len(ticks(s, "s1")) >= 2
                            and len(ticks(s, "s2")) >= 2)
        for key, symbol in (("s1", "ACME"), ("s2", "INIT")):
            expect(f"{key} seq", [m["seq"] for m in ticks(seen, key)],
                   list(range(1, len(ticks(seen, key)) + 1)))
            expect(f"{key} symbol", {m["symbol"] for m in ticks(seen, key)}, {symbol})
            expect(f"{key} price is a number",
                   all(isinstance(m["price"], (int, float)) for m in ticks(seen, key)), True)
        await ws.send(json.dumps({"op": "unsubscribe", "id": "s1"}))
        await receive_until(ws, seen, lambda s: {"id": "s1", "unsubscribed": True} in s["s1"])
        s1_ticks = len(ticks(seen, "s1"))
        s2_ticks = len(ticks(seen, "s2"))
        await receive_until(ws, seen, lambda s: len(ticks(s, "s2")) >= s2_ticks + 3)
        expect("s1 ticks after unsubscribing", len(ticks(seen, "s1")), s1_ticks)


def main():
    asyncio.run(session(int(sys.argv[1])))
    return report()


if __name__ == "__main__":
    sys.exit(main())
