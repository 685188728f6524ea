#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace tandem {

/// An error with a stable machine-readable code and a human-readable message.
struct Error
{
    QString code;
    QString message;
};

/// A value or an Error: the return type of fallible operations (no exceptions in Tandem).
template <typename T>
class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    Result(Error error)
        : m_error(std::move(error))
    {}

    static Result failure(QString code, QString message)
    {
        return Result(Error{std::move(code), std::move(message)});
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const T &operator*() const & { return *m_value; }

    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

/// Result of an operation that produces no value.
class Status
{
public:
    Status() = default;
    Status(Error error)
        : m_failed(true)
        , m_error(std::move(error))
    {}

    static Status failure(QString code, QString message)
    {
        return Status(Error{std::move(code), std::move(message)});
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

} // namespace tandem
