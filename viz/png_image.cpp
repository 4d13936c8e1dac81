// SPDX-License-Identifier: MIT
#include "viz/png_image.hpp"

#include <osg/Image>
#include <osgDB/ReadFile>

namespace hospsim::viz {

std::array<int, 3> RgbImage::at(int x, int y) const {
  if (x < 0 || y < 0 || x >= width || y >= height)
    return {-1, -1, -1};
  const std::size_t offset = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                              static_cast<std::size_t>(x)) *
                             3;
  return {pixels[offset], pixels[offset + 1], pixels[offset + 2]};
}

RgbImage read_png(const std::filesystem::path& file) {
  RgbImage result;
  osg::ref_ptr<osg::Image> image = osgDB::readImageFile(file.string());
  if (!image || image->getDataType() != GL_UNSIGNED_BYTE)
    return result;
  const unsigned int channels = osg::Image::computeNumComponents(image->getPixelFormat());
  if (channels < 3)
    return result;
  result.width = image->s();
  result.height = image->t();
  result.pixels.resize(static_cast<std::size_t>(result.width) *
                       static_cast<std::size_t>(result.height) * 3);
  std::size_t out = 0;
  for (int y = 0; y < result.height; ++y) {
    const unsigned char* row = image->data(0, static_cast<unsigned int>(y));
    for (int x = 0; x < result.width; ++x)
      for (unsigned int c = 0; c < 3; ++c)
        result.pixels[out++] = row[static_cast<unsigned int>(x) * channels + c];
  }
  return result;
}

} // namespace hospsim::viz
