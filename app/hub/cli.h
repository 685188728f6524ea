#pragma once

#include "result.h"
#include "store.h"

#include <QStringList>

#include <memory>

class QCommandLineParser;

namespace tandem::cli {

/// Runs `tandem-hub` with the given arguments (argv including the program name); returns the
/// process exit code. Needs a QCoreApplication.
int run(const QStringList &arguments);

/// The store named by the parser's --database option (every subcommand's way in).
Result<std::unique_ptr<Store>> openStore(const QCommandLineParser &parser);

} // namespace tandem::cli
