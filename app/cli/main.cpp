#include "scenario/catalog.h"

#include <iostream>

int main() {
    for (const auto& s : il::scenario::catalog())
        std::cout << s->info().id << "\n";
    return 0;
}
