#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// A file of the source tree, e.g. "fuzz/regressions/x.yml".
QString sourcePath(const QString &relativePath);
// A bundled example, resources/examples/NAME.
QString examplePath(const QString &name);
// The whole file; empty when it cannot be read.
QByteArray readFile(const QString &path);
QString readExample(const QString &name);
// Replaces the file's content; false when it could not be written whole.
bool writeFile(const QString &path, const QByteArray &data);
// A local port nobody listened on a moment ago.
quint16 freePort();

// True when /usr/bin/python3 can import the websockets package (the real clients of the CLI
// tests).
bool pythonHasWebsockets();

// In initTestCase: skips the test without Python's websockets, or fails it where CI requires
// the interoperability tests to run (MOCKET_REQUIRE_INTEROP=1).
#define MOCKET_REQUIRE_PYTHON_WEBSOCKETS() \
    do { \
        if (!pythonHasWebsockets()) { \
            if (qEnvironmentVariable("MOCKET_REQUIRE_INTEROP") == QLatin1String("1")) \
                QFAIL( \
                    "/usr/bin/python3 cannot import websockets (apt install python3-websockets)"); \
            QSKIP("/usr/bin/python3 cannot import websockets (apt install python3-websockets)"); \
        } \
    } while (false)

// Points the settings, recent files and recovery copies at folders under home, so a test
// keeps out of the user's home; call before the application object is made.
void keepOutOfTheUsersHome(const QString &home);

// What a program did: its exit code (-1 when it ran past the time limit and was killed, -2
// when it crashed) and all it wrote.
struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
// Runs program to the end (at most 30 s) in workdir (the current folder when empty).
ProcessResult runProcess(const QString &program, const QStringList &arguments,
                         const QProcessEnvironment &environment,
                         const QString &workdir = QString());

// A self-signed certificate BASE.crt for localhost and 127.0.0.1 and its unencrypted key
// BASE.key: an RSA pair when BASE's file name starts with "rsa", otherwise EC (P-256). Made
// by openssl unless already there; false when openssl is missing or fails.
bool makeSelfSignedPair(const QString &base);
