# Shared compile options for every Tandem target: one INTERFACE target, linked by all.
add_library(tandem_common_options INTERFACE)
target_compile_options(tandem_common_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    $<$<BOOL:${TANDEM_WERROR}>:-Werror>)
target_compile_definitions(tandem_common_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    TANDEM_VERSION="${PROJECT_VERSION}")
