// SPDX-License-Identifier: MIT
#include "viz/agent_layer.hpp"

#include <osg/Program>
#include <osg/Shader>
#include <osg/Uniform>

#include <cmath>
#include <cstring>

namespace hospsim::viz {

namespace {

constexpr const char* vertex_shader = R"glsl(#version 150 compatibility
uniform samplerBuffer instances;
out vec3 shade;
void main() {
  vec4 place = texelFetch(instances, gl_InstanceID * 2);
  vec4 look = texelFetch(instances, gl_InstanceID * 2 + 1);
  float c = cos(place.w), s = sin(place.w);
  vec3 v = gl_Vertex.xyz * look.w;
  vec3 n = gl_Normal;
  v.xy = vec2(c * v.x - s * v.y, s * v.x + c * v.y);
  n.xy = vec2(c * n.x - s * n.y, s * n.x + c * n.y);
  gl_Position = gl_ModelViewProjectionMatrix * vec4(place.xyz + v, 1.0);
  float light = 0.55 + 0.45 * max(dot(normalize(n), normalize(vec3(0.35, -0.45, 0.82))), 0.0);
  shade = look.rgb * light;
}
)glsl";

constexpr const char* fragment_shader = R"glsl(#version 150 compatibility
in vec3 shade;
void main() { gl_FragColor = vec4(shade, 1.0); }
)glsl";

/// Appends a closed prism of `sides` around the z axis (radius rx by ry, from z0 to z1) as
/// triangles with flat normals; `front` > 0 pushes the +x side out (a nose showing the heading).
void add_prism(osg::Vec3Array& v, osg::Vec3Array& n, int sides, float rx, float ry, float z0,
               float z1, float front = 0) {
  auto corner = [&](int k) {
    const double angle = 2 * M_PI * k / sides;
    const auto x = static_cast<float>(std::cos(angle));
    const auto y = static_cast<float>(std::sin(angle));
    return osg::Vec3(x * rx + (x > 0.9f ? front : 0.0f), y * ry, 0);
  };
  for (int k = 0; k < sides; ++k) {
    const osg::Vec3 a = corner(k), b = corner(k + 1);
    osg::Vec3 side = (b - a) ^ osg::Vec3(0, 0, 1);
    side.normalize();
    for (const osg::Vec3& p : {a + osg::Vec3(0, 0, z0), b + osg::Vec3(0, 0, z0), b + osg::Vec3(0, 0, z1),
                               a + osg::Vec3(0, 0, z0), b + osg::Vec3(0, 0, z1), a + osg::Vec3(0, 0, z1)}) {
      v.push_back(p);
      n.push_back(side);
    }
    for (const osg::Vec3& p : {osg::Vec3(0, 0, z1), a + osg::Vec3(0, 0, z1), b + osg::Vec3(0, 0, z1)}) {
      v.push_back(p);
      n.push_back({0, 0, 1});
    }
  }
}

} // namespace

AgentLayer::AgentLayer(Figure figure, const osg::BoundingBox& bounds)
    : geode_(new osg::Geode), geometry_(new osg::Geometry) {
  osg::ref_ptr<osg::Vec3Array> vertices = new osg::Vec3Array;
  osg::ref_ptr<osg::Vec3Array> normals = new osg::Vec3Array;
  if (figure == Figure::Patient) {
    add_prism(*vertices, *normals, 8, 0.30f, 0.30f, 0.0f, 1.1f, 0.12f); // body
    add_prism(*vertices, *normals, 8, 0.20f, 0.20f, 1.15f, 1.5f);       // head
  } else {
    add_prism(*vertices, *normals, 4, 0.32f, 0.24f, 0.0f, 1.4f, 0.18f); // body, square
    add_prism(*vertices, *normals, 6, 0.18f, 0.18f, 1.45f, 1.85f);      // head
  }
  geometry_->setVertexArray(vertices);
  geometry_->setNormalArray(normals, osg::Array::BIND_PER_VERTEX);
  geometry_->setUseDisplayList(false);
  geometry_->setUseVertexBufferObjects(true);
  draw_ = new osg::DrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices->size()), 1);
  geometry_->addPrimitiveSet(draw_);
  // The figures move anywhere in the building: bound them by it, never cull them.
  geometry_->setInitialBound(bounds);
  geode_->addDrawable(geometry_);
  geode_->setCullingActive(false);
  geode_->setName(figure == Figure::Patient ? "patients" : "staff");

  osg::StateSet* state = geode_->getOrCreateStateSet();
  osg::ref_ptr<osg::Program> program = new osg::Program;
  program->addShader(new osg::Shader(osg::Shader::VERTEX, vertex_shader));
  program->addShader(new osg::Shader(osg::Shader::FRAGMENT, fragment_shader));
  state->setAttributeAndModes(program);
  reserve(1024);
  state->setTextureAttribute(1, buffer_);
  state->addUniform(new osg::Uniform("instances", 1));
  geode_->setNodeMask(0);
}

void AgentLayer::reserve(std::size_t instances) {
  if (instances <= capacity_)
    return;
  std::size_t capacity = std::max<std::size_t>(capacity_, 1024);
  while (capacity < instances)
    capacity *= 2;
  osg::ref_ptr<osg::Image> image = new osg::Image;
  image->allocateImage(static_cast<int>(capacity * 2), 1, 1, GL_RGBA, GL_FLOAT);
  image->setInternalTextureFormat(GL_RGBA32F_ARB);
  std::memset(image->data(), 0, image->getTotalSizeInBytes());
  if (instances_ && count_ > 0)
    std::memcpy(image->data(), instances_->data(), count_ * 8 * sizeof(float));
  instances_ = image;
  if (!buffer_) {
    buffer_ = new osg::TextureBuffer(instances_);
    buffer_->setInternalFormat(GL_RGBA32F_ARB);
  } else {
    buffer_->setBufferData(instances_);
  }
  capacity_ = capacity;
}

void AgentLayer::add(const osg::Vec3& position, float heading, const std::array<float, 4>& colour,
                     float scale) {
  reserve(count_ + 1);
  float* slot = reinterpret_cast<float*>(instances_->data()) + count_ * 8;
  slot[0] = position.x();
  slot[1] = position.y();
  slot[2] = position.z();
  slot[3] = heading;
  slot[4] = colour[0];
  slot[5] = colour[1];
  slot[6] = colour[2];
  slot[7] = scale;
  ++count_;
}

void AgentLayer::commit() {
  geode_->setNodeMask(count_ > 0 ? ~0u : 0u);
  if (count_ == 0)
    return;
  draw_->setNumInstances(static_cast<GLsizei>(count_));
  draw_->dirty();
  instances_->dirty();
}

} // namespace hospsim::viz
