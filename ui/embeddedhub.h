#pragma once

#include "result.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace tandem {

class Hub;

/// "Work on this computer": a hub in this process on 127.0.0.1 (a free port), SQLite in the
/// user's data directory, and a local account signed in automatically.
class EmbeddedHub : public QObject
{
    Q_OBJECT
public:
    ~EmbeddedHub() override;

    /// `dataDir` empty: the XDG data directory (~/.local/share/tandem).
    static Result<std::unique_ptr<EmbeddedHub>> start(const QString &dataDir = {},
                                                      QObject *parent = nullptr);

    QUrl baseUrl() const;
    QUrl chatUrl() const;
    QString token() const { return m_token; }
    QString username() const { return m_username; }
    QString databasePath() const { return m_databasePath; }

private:
    explicit EmbeddedHub(QObject *parent);
    std::unique_ptr<Hub> m_hub;
    QString m_token;
    QString m_username;
    QString m_databasePath;
};

} // namespace tandem
