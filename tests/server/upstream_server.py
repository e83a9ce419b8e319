#!/usr/bin/python3
"""A real server that is not Qt (python3-websockets), for the proxy tests: prints its port on
the first line, greets each connection with "hello PATH SUBPROTOCOL", answers "echo: TEXT",
sends binary frames back reversed and closes with 4001 "done" on "bye". Offers the
subprotocol v2.chat. Runs until killed.

usage: upstream_server.py
"""
import asyncio
import sys

import websockets


async def serve(ws, path=None):
    path = path if path is not None else ws.path
    await ws.send(f"hello {path} {ws.subprotocol or '-'}")
    async for message in ws:
        if isinstance(message, bytes):
            await ws.send(message[::-1])
        elif message == "bye":
            await ws.close(4001, "done")
        else:
            await ws.send(f"echo: {message}")


async def main():
    async with websockets.serve(serve, "127.0.0.1", 0, subprotocols=["v2.chat"]) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
