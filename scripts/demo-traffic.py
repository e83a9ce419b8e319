#!/usr/bin/python3
"""Drives some live traffic against a running Mocket (for screenshots and demos).

Usage: demo-traffic.py ws://127.0.0.1:8000 [seconds-to-stay-connected]
Needs Debian's python3-websockets.
"""
import asyncio
import sys

import websockets


async def client(url, messages, stay):
    async with websockets.connect(url) as ws:
        await ws.recv()  # the greeting
        for message in messages:
            await ws.send(message)
            try:
                await asyncio.wait_for(ws.recv(), 0.3)
            except asyncio.TimeoutError:
                pass  # unmatched: no reply
            await asyncio.sleep(0.15)
        await asyncio.sleep(stay)


async def main(base, stay):
    await asyncio.gather(
        client(base + "/ws/echo", ["ping", '{"echo": "hello world"}', "hello?"], stay),
        client(base + "/ws/user/alice?tab=profile", ['{"action": "get-profile"}'], stay),
        client(base + "/ws/user/bob", ['{"action": "get-profile", "verbose": true}', "ping"], stay),
    )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1].rstrip("/"), float(sys.argv[2]) if len(sys.argv) > 2 else 30))
