// The write half of the benchmark floor: creates the files of a list ("<size> <path>" lines,
// as `find -printf '%s %P\n'` prints them) under a folder, with the same sizes, on two threads.
// No fsync, like the generators it stands for.
//
//   floor_write LIST OUT
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: floor_write LIST OUT\n");
        return 2;
    }
    std::ifstream in(argv[1]);
    std::vector<std::pair<std::size_t, std::string>> files;
    std::size_t size;
    std::string path;
    while (in >> size && std::getline(in >> std::ws, path)) files.push_back({size, path});
    const std::filesystem::path out = argv[2];
    std::set<std::filesystem::path> dirs;
    for (const auto& f : files) dirs.insert((out / f.second).parent_path());
    for (const auto& d : dirs) std::filesystem::create_directories(d);
    std::string block(1 << 20, 'x');
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++) {
            std::string p = (out / files[i].second).string();
            int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
            if (fd < 0) continue;
            for (std::size_t left = files[i].first; left > 0;) {
                ssize_t n = ::write(fd, block.data(), std::min(left, block.size()));
                if (n <= 0) break;
                left -= static_cast<std::size_t>(n);
            }
            ::close(fd);
        }
    };
    std::thread t(worker);
    worker();
    t.join();
    return 0;
}
