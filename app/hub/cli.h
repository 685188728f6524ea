#pragma once

#include <QStringList>

namespace tandem::cli {

/// Runs `tandem-hub` with the given arguments (argv including the program name); returns the
/// process exit code. Needs a QCoreApplication.
int run(const QStringList &arguments);

} // namespace tandem::cli
