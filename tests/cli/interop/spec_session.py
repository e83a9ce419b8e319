#!/usr/bin/python3
"""Plays a WebSocket session with a client that is not Qt (python3-websockets, asyncio API)
and prints a transcript in the format of websocket-support.md's example interaction:

    Connected to URL
    < greeting
    > message
    < reply

usage: spec_session.py URL [--display URL] [MESSAGE ...]
  --display  the URL to print on the first line (default: URL), so a transcript from a
             server on a random port can be compared with the documented one
Each message is sent after the previous reply; a reply that does not come within the
timeout is an error (exit 1), not an empty line.
"""
import argparse
import asyncio
import sys

import websockets

TIMEOUT = 5


async def session(url, display, messages):
    async with websockets.connect(url, open_timeout=TIMEOUT, close_timeout=TIMEOUT) as ws:
        print(f"Connected to {display}")
        print(f"< {await asyncio.wait_for(ws.recv(), TIMEOUT)}")
        for message in messages:
            print(f"> {message}")
            await ws.send(message)
            print(f"< {await asyncio.wait_for(ws.recv(), TIMEOUT)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--display")
    parser.add_argument("messages", nargs="*")
    args = parser.parse_intermixed_args()
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    try:
        asyncio.run(session(args.url, args.display or args.url, args.messages))
    except asyncio.TimeoutError:
        sys.exit(f"spec_session.py: no message from {args.url} within {TIMEOUT} s")
    except (OSError, websockets.exceptions.WebSocketException) as e:
        sys.exit(f"spec_session.py: {args.url}: {e!r}")


if __name__ == "__main__":
    main()
