#include "auth.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace tandem::auth {

namespace {

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    auto *gen = QRandomGenerator::system();
    for (int i = 0; i < count; ++i)
        bytes[i] = static_cast<char>(gen->bounded(256));
    return bytes;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

PasswordHash hashPassword(const QString &password, int iterations)
{
    PasswordHash h;
    h.salt = randomBytes(16);
    h.iterations = iterations;
    h.hash = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(),
                                                h.salt, iterations, 32);
    return h;
}

bool verifyPassword(const QString &password, const PasswordHash &stored)
{
    if (stored.iterations <= 0 || stored.hash.isEmpty())
        return false;
    const QByteArray derived =
        QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(),
                                           stored.salt, stored.iterations, stored.hash.size());
    return constantTimeEquals(derived, stored.hash);
}

QString randomToken(int bytes)
{
    return QString::fromLatin1(randomBytes(bytes).toBase64(QByteArray::Base64UrlEncoding |
                                                           QByteArray::OmitTrailingEquals));
}

QByteArray secretHash(const QString &secret)
{
    return secretHash(secret.toUtf8());
}

QByteArray secretHash(const QByteArray &secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256);
}

} // namespace tandem::auth
