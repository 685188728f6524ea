#include "commandqueue.h"

#include "clienterrors.h"
#include "logging.h"
#include "protocol.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace tandem {

CommandQueue::CommandQueue(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &CommandQueue::pump);
    m_tokens = m_options.sendBurst;
    m_refill.start();
}

void CommandQueue::setOptions(const ConnectionOptions &options)
{
    m_options = options;
    m_tokens = std::min(m_tokens, m_options.sendBurst);
}

void CommandQueue::enqueue(const QString &id, const QString &type, const QJsonObject &fields)
{
    QJsonObject frame = fields;
    frame.insert(QStringLiteral("type"), type);
    frame.insert(QStringLiteral("id"), id);
    m_items.append(Item{id, frame});
    pump();
}

void CommandQueue::goOnline(Sender send)
{
    m_send = std::move(send);
    pump();
}

void CommandQueue::goOffline()
{
    m_send = nullptr;
    m_timer.stop();
    for (Item &item : m_items)
        item.inFlight = false;
}

bool CommandQueue::handleReply(const QJsonObject &frame)
{
    const QString id = frame.value(QStringLiteral("id")).toString();
    const qsizetype i = indexOf(id);
    if (i < 0 || !m_items.at(i).inFlight)
        return false;
    if (frame.value(QStringLiteral("type")).toString() == QLatin1String("ack")) {
        m_items.removeAt(i);
        emit succeeded(id, frame);
        return true;
    }
    const Error error{frame.value(QStringLiteral("code")).toString(),
                      frame.value(QStringLiteral("message")).toString()};
    Item &item = m_items[i];
    item.inFlight = false;
    if (error.code == QLatin1String(protocol::errc::RateLimited)) {
        // Never lost: it keeps its place and everything waits, so the hub's bucket refills.
        qCDebug(lcClientConnection) << "rate limited; retrying" << id << "later";
        pauseFor(m_options.retryDelayMs);
        pump();
        return true;
    }
    if (error.code == QLatin1String(protocol::errc::Internal) &&
        ++item.internalErrors <= m_options.maxInternalRetries) {
        // Nothing was applied; the same id is safe to send again once the hub recovers.
        qCWarning(lcClientConnection)
            << "hub could not commit" << id << "- retrying:" << error.message;
        pauseFor(m_options.retryDelayMs << std::min(item.internalErrors - 1, 5));
        pump();
        return true;
    }
    m_items.removeAt(i);
    emit failed(id, error);
    return true;
}

void CommandQueue::cancelAll(const Error &why)
{
    const QList<Item> dropped = std::exchange(m_items, {});
    for (const Item &item : dropped)
        emit failed(item.id, why);
}

bool CommandQueue::contains(const QString &id) const
{
    return indexOf(id) >= 0;
}

void CommandQueue::pump()
{
    if (!m_send)
        return;
    if (!m_pausedUntil.hasExpired()) {
        m_timer.start(int(std::max<qint64>(1, m_pausedUntil.remainingTime())));
        return;
    }
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).inFlight)
            continue;
        m_tokens = std::min(m_options.sendBurst,
                            m_tokens + m_refill.restart() * m_options.sendRatePerSecond / 1000.0);
        if (m_tokens < 1) {
            const double waitMs = (1 - m_tokens) * 1000.0 / m_options.sendRatePerSecond;
            m_timer.start(std::max(1, int(std::ceil(waitMs))));
            return;
        }
        m_tokens -= 1;
        m_items[i].inFlight = true;
        m_send(m_items.at(i).frame);
        if (!m_send) // the send cut the connection
            return;
    }
}

void CommandQueue::pauseFor(int ms)
{
    const double spread = 1 + (QRandomGenerator::global()->generateDouble() * 2 - 1) * 0.2;
    const qint64 wait = std::max<qint64>(1, qint64(ms * spread));
    if (m_pausedUntil.hasExpired() || m_pausedUntil.remainingTime() < wait)
        m_pausedUntil.setRemainingTime(wait);
}

qsizetype CommandQueue::indexOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id)
            return i;
    }
    return -1;
}

} // namespace tandem
