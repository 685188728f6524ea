#include "keychain.h"

#include <QLoggingCategory>
#include <QPointer>
#include <qt6keychain/keychain.h>

namespace tandem {

Q_LOGGING_CATEGORY(lcKeychain, "tandem.ui.keychain", QtInfoMsg)

namespace {
const QString kService = QStringLiteral("Tandem");
}

void Keychain::readPassword(const QString &account, QObject *context, ReadDone done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setAutoDelete(true);
    job->setKey(account);
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, guard, done](QKeychain::Job *) {
        if (!guard)
            return;
        if (job->error() != QKeychain::NoError)
            done(QString(), job->errorString());
        else
            done(job->textData(), QString());
    });
    job->start();
}

void Keychain::writePassword(const QString &account, const QString &password)
{
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setAutoDelete(true);
    job->setKey(account);
    job->setTextData(password);
    QObject::connect(job, &QKeychain::Job::finished, job, [job](QKeychain::Job *) {
        if (job->error() != QKeychain::NoError)
            qCWarning(lcKeychain) << "could not store the password in the keyring:"
                                  << job->errorString();
    });
    job->start();
}

void Keychain::deletePassword(const QString &account)
{
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setAutoDelete(true);
    job->setKey(account);
    job->start();
}

QString Keychain::account(const QString &username, const QString &hub)
{
    return username + QLatin1Char('@') + hub;
}

} // namespace tandem
