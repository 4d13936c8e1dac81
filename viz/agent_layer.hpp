// SPDX-License-Identifier: MIT
#pragma once
/// AgentLayer: every patient, every member of staff, or every unit of one shape (beds,
/// trolleys, scanners, devices) drawn by ONE instanced draw call
/// (glDrawArraysInstanced through osg::DrawArrays' instance count): a small figure mesh, and a
/// texture buffer holding, per instance, position + heading and colour + scale, which the vertex
/// shader reads with gl_InstanceID. Updating a frame rewrites that buffer: no scene-graph node
/// per agent.
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Image>
#include <osg/PrimitiveSet>
#include <osg/TextureBuffer>

#include <array>
#include <cstddef>

namespace hospsim::viz {

class AgentLayer {
public:
  enum class Figure { Patient, Staff, Bed, Trolley, Scanner, Device };
  AgentLayer(Figure figure, const osg::BoundingBox& bounds);
  osg::Geode* root() const { return geode_.get(); }

  /// Starts a frame's list of instances.
  void clear() { count_ = 0; }
  /// One figure at scene position (x, y, z) facing `heading` (radians from +x), in `colour`.
  void add(const osg::Vec3& position, float heading, const std::array<float, 4>& colour,
           float scale = 1.0f);
  /// Sends the instances to the GPU (hides the layer when there are none).
  void commit();
  std::size_t count() const { return count_; }
  /// Beyond this many instances, figures are drawn in a plainer form (fewer triangles).
  static constexpr std::size_t crowd_size = 5'000;

private:
  void reserve(std::size_t instances);
  osg::ref_ptr<osg::Geode> geode_;
  osg::ref_ptr<osg::Geometry> geometry_;
  osg::ref_ptr<osg::DrawArrays> draw_;
  osg::ref_ptr<osg::Image> instances_;
  osg::ref_ptr<osg::TextureBuffer> buffer_;
  std::size_t capacity_ = 0, count_ = 0;
  std::size_t full_count_ = 0, low_count_ = 0; ///< Vertices of the figure and of its crowd form.
};

} // namespace hospsim::viz
