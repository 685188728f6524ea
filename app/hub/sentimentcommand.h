#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace tandem::cli {

/// `tandem-hub sentiment train|status|reset`: the trained sentiment model kept in the database.
/// `args` starts with the program and command name; returns the process exit code.
int sentimentCommand(const QStringList &args, const QCommandLineOption &databaseOption);

} // namespace tandem::cli
