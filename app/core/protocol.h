#pragma once

#include "domain.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

/// Protocol v1: the JSON frames spoken on /ws/agent and /ws/customer (see docs/protocol.md).
namespace tandem::protocol {

constexpr int kVersion = 1;
/// Largest frame a client may send; larger frames get an error, not a silent close.
constexpr qsizetype kMaxFrameBytes = 64 * 1024;
/// Longest message text, in UTF-16 code units.
constexpr qsizetype kMaxTextLength = 8000;
constexpr qsizetype kMaxIdLength = 64;

/// Stable error codes carried by `error` frames and REST error bodies.
namespace errc {
inline constexpr char BadJson[] = "bad_json";
inline constexpr char BadUtf8[] = "bad_utf8";
inline constexpr char FrameTooLarge[] = "frame_too_large";
inline constexpr char BadVersion[] = "bad_version";
inline constexpr char UnknownType[] = "unknown_type";
inline constexpr char MissingField[] = "missing_field";
inline constexpr char InvalidField[] = "invalid_field";
inline constexpr char Unauthenticated[] = "unauthenticated";
inline constexpr char Forbidden[] = "forbidden";
inline constexpr char NotFound[] = "not_found";
inline constexpr char Conflict[] = "conflict";
inline constexpr char CapacityReached[] = "capacity_reached";
inline constexpr char RateLimited[] = "rate_limited";
inline constexpr char Internal[] = "internal";
} // namespace errc

/// Which socket a frame arrived on: the two speak different command sets.
enum class Channel
{
    Agent,
    Customer
};

/// A decoded, validated client command.
struct Frame
{
    QString type;
    QString id;
    QJsonObject body; // the whole frame, fields already checked against the command's schema
};

/// Decodes and validates one client frame. Binary frames must be passed as raw bytes (they are
/// checked for UTF-8); text frames as their UTF-8 encoding.
Result<Frame> decode(const QByteArray &bytes, Channel channel);

/// The command id of a frame that failed validation, when it has one (for the error reply).
QString peekId(const QByteArray &bytes);

/// The command types a channel accepts.
QStringList commandTypes(Channel channel);

QByteArray encode(const QJsonObject &frame);
QByteArray ack(const QString &id, const QJsonObject &result = {});
QByteArray error(const QString &id, const QString &code, const QString &message);
QByteArray error(const QString &id, const Error &error);
QByteArray event(const Event &event);

} // namespace tandem::protocol
