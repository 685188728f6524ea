#pragma once

#include "connectionoptions.h"
#include "result.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

namespace tandem {

/// The commands a hub has not answered yet, in the order they were given: sent when the
/// connection is up, paced below the hub's rate limit, sent again with the same id after a cut
/// (the hub applies an id once), and retried after rate_limited or internal errors.
class CommandQueue : public QObject
{
    Q_OBJECT
public:
    using Sender = std::function<void(const QJsonObject &frame)>;

    explicit CommandQueue(QObject *parent = nullptr);

    void setOptions(const ConnectionOptions &options);
    void enqueue(const QString &id, const QString &type, const QJsonObject &fields);
    /// Sends what is waiting through `send`, now and as more arrives.
    void goOnline(Sender send);
    /// The connection is gone: whatever was in flight goes out again after the next goOnline.
    void goOffline();
    /// Consumes an ack or error answering one of our commands; false if the id is not ours.
    bool handleReply(const QJsonObject &frame);
    /// Drops every command, reporting each through failed().
    void cancelAll(const Error &why);

    bool contains(const QString &id) const;
    qsizetype size() const { return m_items.size(); }

signals:
    void succeeded(const QString &id, const QJsonObject &ack);
    void failed(const QString &id, const tandem::Error &error);

private:
    struct Item
    {
        QString id;
        QJsonObject frame;
        bool inFlight = false;
        int internalErrors = 0;
    };

    void pump();
    void pauseFor(int ms);
    qsizetype indexOf(const QString &id) const;

    ConnectionOptions m_options;
    QList<Item> m_items;
    Sender m_send;
    QTimer m_timer;
    QDeadlineTimer m_pausedUntil;
    QElapsedTimer m_refill;
    double m_tokens = 0;
};

} // namespace tandem
