#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace tandem::cli {

/// `tandem-hub kb import|export|stats`: the knowledge base from and to JSON or CSV files.
/// `args` starts with the program and command name; returns the process exit code.
int kbCommand(const QStringList &args, const QCommandLineOption &databaseOption);

} // namespace tandem::cli
