#pragma once

#include "store.h"

#include <QByteArray>
#include <QString>

namespace tandem::auth {

/// OWASP's 2023 floor for PBKDF2-HMAC-SHA256.
constexpr int kPbkdf2Iterations = 600000;
constexpr int kMinPasswordLength = 8;

/// Derives a new salted hash; takes about a second on purpose, so never call it on the event loop.
PasswordHash hashPassword(const QString &password, int iterations = kPbkdf2Iterations);
/// Constant-time comparison against a stored hash; as slow as hashPassword.
bool verifyPassword(const QString &password, const PasswordHash &stored);

/// A random secret for sessions, API keys and ids: `bytes` of entropy, base64url without padding.
QString randomToken(int bytes = 32);
/// How secrets (tokens, API keys, customer keys) are looked up: only their SHA-256 is stored.
QByteArray secretHash(const QString &secret);
QByteArray secretHash(const QByteArray &secret);

} // namespace tandem::auth
