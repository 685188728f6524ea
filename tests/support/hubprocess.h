#pragma once

// Runs the real `tandem-hub` executable (path in TANDEM_HUB_BIN) as a user would, for the CLI
// suites.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace tandem::test {

/// What one run of the executable printed and returned (-1: it crashed or timed out).
struct HubRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline HubRun runHub(const QString &executable, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.start(executable, args);
    HubRun r;
    if (!p.waitForFinished(timeoutMs))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace tandem::test
