#pragma once

#include "connection.h"
#include "store.h"

namespace tandem {

struct Store::Private : Connection
{
    Private(QSqlDatabase database, DatabaseUrl databaseUrl)
        : Connection(std::move(database), databaseUrl.kind)
        , url(std::move(databaseUrl))
    {}

    DatabaseUrl url;
};

} // namespace tandem
