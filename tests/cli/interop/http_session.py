#!/usr/bin/python3
"""Drives a mocket-cli serving resources/examples/moclojer.yml with clients that are not Qt:
Python's http.client (one kept-alive connection, then pipelined raw requests) and, at the same
time on the same port, python3-websockets. Prints nothing and exits 0 when every answer is as
Moclojer's documentation says; prints what differed and exits 1 otherwise.

usage: http_session.py PORT
"""
import asyncio
import http.client
import json
import socket
import sys

import websockets

from checks import expect, report

TIMEOUT = 5


def call(connection, method, path, body=None, headers=None):
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def http_session(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    status, headers, body = call(connection, "GET", "/hello/moclojer")
    expect("GET /hello/moclojer status", status, 200)
    expect("GET /hello/moclojer body", json.loads(body), {"hello": "moclojer!"})
    expect("GET /hello/moclojer type", headers.get("Content-Type"), "application/json")
    status, _, body = call(connection, "GET", "/with-params/a?param1=b")
    expect("with-params", json.loads(body), {"path-params": "a", "query-params": "b"})
    status, _, body = call(connection, "POST", "/first-post-route",
                           json.dumps({"project": "mocket"}),
                           {"Content-Type": "application/json"})
    expect("POST echo", json.loads(body), {"project": "mocket"})
    status, _, body = call(connection, "GET", "/user/ana/age/30")
    expect("typed params", json.loads(body), {"user": "ana", "age": 30})
    status, _, body = call(connection, "GET", "/user/ana/age/thirty")
    expect("typed param that is not an int", status, 404)
    status, _, _ = call(connection, "DELETE", "/user/ana/age/30")
    expect("DELETE on a path GET also serves", status, 204)
    status, headers, _ = call(connection, "PUT", "/user/ana/age/30")
    expect("PUT status", status, 405)
    expect("PUT Allow", headers.get("Allow"), "DELETE, GET, HEAD")
    status, _, _ = call(connection, "GET", "/nowhere")
    expect("unknown path", status, 404)
    connection.close()


def pipelined(port):
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as raw:
        raw.sendall(b"GET /hello-world HTTP/1.1\r\nHost: x\r\n\r\n"
                    b"GET /hello/two HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while received.count(b"HTTP/1.1 200") < 2 or not received.endswith(b"}\n"):
            chunk = raw.recv(65536)
            if not chunk:
                break
            received += chunk
        first = received.find(b"Hello, World!")
        second = received.find(b"two!")
        expect("pipelined answers in order", 0 <= first < second, True)


async def websocket_meanwhile(port):
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws/echo",
                                  open_timeout=TIMEOUT) as ws:
        greeting = await asyncio.wait_for(ws.recv(), TIMEOUT)
        expect("greeting", json.loads(greeting)["status"], "connected")
        await asyncio.get_running_loop().run_in_executor(None, http_session, port)
        await ws.send("ping")
        expect("WebSocket still served", await asyncio.wait_for(ws.recv(), TIMEOUT), "pong")


def main():
    port = int(sys.argv[1])
    asyncio.run(websocket_meanwhile(port))
    pipelined(port)
    return report()


if __name__ == "__main__":
    sys.exit(main())
