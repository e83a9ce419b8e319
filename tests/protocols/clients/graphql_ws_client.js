// Drives resources/examples/graphql-ws.yml with graphql-ws's own client: exits 0 only when
// every documented answer arrived, otherwise prints what did and exits 1.
//   node graphql_ws_client.js ws://127.0.0.1:PORT/graphql [HELLO]
'use strict';
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');

const url = process.argv[2];
// What `{ hello }` answers: the example's "world" unless a mock in front of it says otherwise.
const hello = process.argv[3] || 'world';
const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });

// Every next payload of one operation, and how it ended.
function run(query) {
    return new Promise((resolve) => {
        const values = [];
        client.subscribe({ query }, {
            next: (value) => values.push(value),
            error: (error) => resolve({ values, error: String(error && (error.message || JSON.stringify(error))) }),
            complete: () => resolve({ values, complete: true }),
        });
    });
}

function same(actual, expected) {
    return JSON.stringify(actual) === JSON.stringify(expected);
}

async function main() {
    const countdown = [3, 2, 1, 0].map((n) => ({ data: { countdown: n } }));
    const [greeting, first, second, broken] = await Promise.all([
        run('{ hello }'),
        run('subscription { countdown(from: 3) }'),
        run('subscription { countdown(from: 3) }'),
        run('{ broken }'),
    ]);
    const checks = {
        hello: same(greeting, { values: [{ data: { hello } }], complete: true }),
        first: same(first, { values: countdown, complete: true }),
        second: same(second, { values: countdown, complete: true }),
        broken: broken.values.length === 0 && /broken on purpose/.test(broken.error || ''),
    };
    await client.dispose();
    if (Object.values(checks).every(Boolean)) {
        console.log('graphql-ws: every answer arrived');
        process.exit(0);
    }
    console.log(JSON.stringify({ checks, greeting, first, second, broken }));
    process.exit(1);
}

setTimeout(() => {
    console.log('graphql-ws: timed out');
    process.exit(1);
}, 15000).unref();
main().catch((error) => {
    console.log('graphql-ws: ' + (error && error.stack ? error.stack : String(error)));
    process.exit(1);
});
