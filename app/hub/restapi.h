#pragma once

#include "actor.h"
#include "httpfront.h"
#include "ratelimiter.h"
#include "result.h"

#include <QHash>

namespace tandem {

class Hub;

/// HTTP side of the hub: the REST API for integrations (API-key authenticated), the health check
/// and the customer chat page's static files.
class RestApi
{
public:
    explicit RestApi(Hub &hub);

    HttpResponse handle(const HttpRequest &request);

    /// Largest accepted request body.
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;

private:
    HttpResponse health();
    HttpResponse staticFile(const QString &path);
    HttpResponse api(const HttpRequest &request);
    HttpResponse createConversation(const Actor &actor, const HttpRequest &request);
    HttpResponse postMessage(const Actor &actor, qint64 conversationId, const HttpRequest &request);
    HttpResponse getConversation(qint64 conversationId);
    Result<Actor> authenticate(const HttpRequest &request);
    bool allowUnauthenticatedAttempt(const HttpRequest &request);

    Hub &m_hub;
    QHash<qint64, RateLimiter> m_keyLimits;
    QHash<QString, RateLimiter> m_failedAuthLimits;
};

} // namespace tandem
